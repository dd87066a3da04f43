package com.gemetrics.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "com.gemetrics.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {

	@ArchTest
	static final ArchRule noSpringNoPersistence = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta.persistence..", "java.sql..", "java.net.http..");

	/**
	 * Interfaces such as {@code SubscriptionEvent} only group events; they are never
	 * stored.
	 */
	@ArchTest
	static final ArchRule eventsAreVersionedRecordsNamedInThePastTense = classes().that()
		.haveSimpleNameEndingWith("Event")
		.and()
		.areNotInterfaces()
		.should()
		.beRecords()
		.andShould()
		.beAnnotatedWith(org.axonframework.serialization.Revision.class)
		.andShould()
		.haveNameMatching(".*\\.[A-Z]\\w*(ed|[Ww]ritten|[Ss]een|[Tt]aken|[Ww]ithdrawn)(In|Out|Up|Off)?Event");

	@ArchTest
	static final ArchRule queriesAreRecords = classes().that().haveSimpleNameEndingWith("Query").should().beRecords();

}
